// App-wide React contexts: the language with its translator, and navigation.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { detectLang, translate, type Lang, type MessageKey } from './i18n.ts';
import { parseRoute, routePath, type Route } from './route.ts';

interface LangValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (k: MessageKey, vars?: Record<string, string | number>) => string;
}

const LangContext = createContext<LangValue | null>(null);

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('vireo.lang') as Lang | null) ?? detectLang(navigator.language));
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('vireo.lang', l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang, t: (k: MessageKey, vars?: Record<string, string | number>) => translate(lang, k, vars) }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useT(): LangValue {
  const v = useContext(LangContext);
  if (!v) throw new Error('useT outside LangProvider');
  return v;
}

interface RouterValue {
  route: Route;
  navigate: (r: Route) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

export function RouterProvider({ children }: { children: ReactNode }) {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.pathname + location.search));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.pathname + location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((r: Route) => {
    const p = routePath(r);
    if (p !== location.pathname + location.search) history.pushState(null, '', p);
    setRoute(r);
  }, []);
  return <RouterContext.Provider value={{ route, navigate }}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const v = useContext(RouterContext);
  if (!v) throw new Error('useRouter outside RouterProvider');
  return v;
}
