// The console: the login page until a token is accepted, then the Virtualization perspective.
import { useMemo, useState } from 'react';
import { ApiClient } from './api/client.ts';
import { ApiContext } from './api/hooks.ts';
import { WatchRegistry } from './api/watch.ts';
import { LangProvider, RouterProvider } from './context.tsx';
import { Layout } from './pages/Layout.tsx';
import { LoginPage } from './pages/LoginPage.tsx';

const TOKEN_KEY = 'vireo.token';
/** The kubeconfig user's name, when the login came from a kubeconfig. */
const USER_KEY = 'vireo.user';

export function App() {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [user, setUser] = useState<string | undefined>(() => sessionStorage.getItem(USER_KEY) ?? undefined);
  const api = useMemo(() => {
    if (!token) return null;
    const client = new ApiClient(token);
    return { client, watches: new WatchRegistry(client) };
  }, [token]);
  const login = (t: string, u?: string) => {
    sessionStorage.setItem(TOKEN_KEY, t);
    if (u) sessionStorage.setItem(USER_KEY, u);
    else sessionStorage.removeItem(USER_KEY);
    setUser(u);
    setToken(t);
  };
  const logout = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
    setToken(null);
  };
  return (
    <LangProvider>
      {api ? (
        <ApiContext.Provider value={api}>
          <RouterProvider>
            <Layout onLogout={logout} user={user} />
          </RouterProvider>
        </ApiContext.Provider>
      ) : (
        <LoginPage onLogin={login} />
      )}
    </LangProvider>
  );
}
