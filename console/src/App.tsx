// The console: the login page until a token is accepted, then the Virtualization perspective.
import { useMemo, useState } from 'react';
import { ApiClient } from './api/client.ts';
import { ApiContext } from './api/hooks.ts';
import { WatchRegistry } from './api/watch.ts';
import { LangProvider, RouterProvider } from './context.tsx';
import { Layout } from './pages/Layout.tsx';
import { LoginPage } from './pages/LoginPage.tsx';

const TOKEN_KEY = 'vireo.token';

export function App() {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const api = useMemo(() => {
    if (!token) return null;
    const client = new ApiClient(token);
    return { client, watches: new WatchRegistry(client) };
  }, [token]);
  const login = (t: string) => {
    sessionStorage.setItem(TOKEN_KEY, t);
    setToken(t);
  };
  const logout = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
  };
  return (
    <LangProvider>
      {api ? (
        <ApiContext.Provider value={api}>
          <RouterProvider>
            <Layout onLogout={logout} />
          </RouterProvider>
        </ApiContext.Provider>
      ) : (
        <LoginPage onLogin={login} />
      )}
    </LangProvider>
  );
}
