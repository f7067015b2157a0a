import {
  Component,
  createContext,
  forwardRef,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type ComponentType,
  type ErrorInfo,
  type MouseEvent,
  type ReactNode,
} from 'react';

/**
 * The app's router: the part of React Router's API the app uses (route objects with `lazy` pages,
 * nested layouts, `Link`, `Navigate`, `Outlet`, the location hooks), in ≈ 3 KB instead of ≈ 90 KB
 * minified, so that it fits the public pages' JavaScript budget (docs/decisions/0016-web-delivery.md).
 * It behaves as React Router's data router does where the app depends on it: routes ranked by how
 * specific their paths are, a navigation commits (address and page together) once the matched
 * routes' chunks have arrived, the old page stays until then, and an error while rendering or
 * loading a page shows the nearest `errorElement`.
 */

export interface RouteObject {
  path?: string;
  index?: boolean;
  element?: ReactNode;
  Component?: ComponentType | null;
  errorElement?: ReactNode;
  children?: RouteObject[];
  lazy?: () => Promise<{ Component?: ComponentType; element?: ReactNode }>;
}

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  key: string;
}

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

export type To = string;
export type Params = Record<string, string | undefined>;

interface Match {
  route: RouteObject;
  params: Params;
}

interface RouterState {
  location: Location;
  matches: Match[];
  /** A page that could not be loaded (its chunk failed): shown by the nearest errorElement. */
  error: unknown;
  initialized: boolean;
}

// ---- matching ------------------------------------------------------------------------------

interface Branch {
  segments: string[];
  score: number;
  routes: RouteObject[];
}

const joinPath = (parent: string, path: string | undefined) =>
  path === undefined ? parent : path.startsWith('/') ? path : `${parent.replace(/\/$/, '')}/${path}`;

const splitPath = (path: string) => path.split('/').filter(Boolean);

/** React Router's ranking: static segments beat dynamic ones, splats rank lowest, an index route wins over its parent. */
function score(segments: string[], index: boolean): number {
  let s = segments.length + (segments.includes('*') ? -2 : 0) + (index ? 2 : 0);
  for (const segment of segments) if (segment !== '*') s += segment.startsWith(':') ? 3 : 10;
  return s;
}

function flatten(routes: RouteObject[], branches: Branch[] = [], parents: RouteObject[] = [], parentPath = '/'): Branch[] {
  for (const route of routes) {
    const path = joinPath(parentPath, route.path);
    const chain = [...parents, route];
    if (route.children?.length) flatten(route.children, branches, chain, path);
    if (route.path === undefined && !route.index) continue;
    const segments = splitPath(path);
    branches.push({ segments, score: score(segments, route.index === true), routes: chain });
  }
  return branches;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function matchBranch(branch: Branch, parts: string[]): Params | null {
  const params: Params = {};
  for (let i = 0; i < branch.segments.length; i++) {
    const segment = branch.segments[i]!;
    if (segment === '*') {
      params['*'] = parts.slice(i).map(decode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.startsWith(':')) params[segment.slice(1)] = decode(part);
    else if (segment.toLowerCase() !== decode(part).toLowerCase()) return null;
  }
  return parts.length === branch.segments.length ? params : null;
}

export function matchRoutes(branches: Branch[], pathname: string): Match[] {
  const parts = splitPath(pathname);
  for (const branch of branches) {
    const params = matchBranch(branch, parts);
    if (params) return branch.routes.map((route) => ({ route, params }));
  }
  return [];
}

// ---- the router ------------------------------------------------------------------------------

let keys = 0;
const newKey = () => `${Date.now().toString(36)}${(keys++).toString(36)}`;

function currentLocation(): Location {
  const { pathname, search, hash } = window.location;
  const stored = window.history.state as { usr?: unknown; key?: string } | null;
  return { pathname, search, hash, state: stored?.usr ?? null, key: stored?.key ?? 'default' };
}

/** A path (absolute, relative to the current address, or only `?search`) as an address. */
function resolveTo(to: To, from: Location): URL {
  const base = new URL(from.pathname + from.search, window.location.origin);
  if (to.startsWith('?')) return new URL(base.pathname + to, base);
  if (!to.startsWith('/') && !base.pathname.endsWith('/')) base.pathname += '/';
  return new URL(to, base);
}

export interface Router {
  readonly state: RouterState;
  navigate(to: To | number, options?: NavigateOptions): Promise<void>;
  subscribe(listener: () => void): () => void;
}

export function createBrowserRouter(routes: RouteObject[]): Router {
  const branches = flatten(routes)
    .map((branch, order) => ({ branch, order }))
    .sort((a, b) => b.branch.score - a.branch.score || a.order - b.order)
    .map(({ branch }) => branch);
  const listeners = new Set<() => void>();
  let state: RouterState = { location: currentLocation(), matches: [], error: null, initialized: false };
  let pending = 0;

  const loaded = new WeakMap<RouteObject, Promise<void>>();
  function load(route: RouteObject): Promise<void> {
    const lazy = route.lazy;
    if (!lazy) return Promise.resolve();
    let promise = loaded.get(route);
    if (!promise) {
      promise = lazy().then((result) => {
        Object.assign(route, result);
        delete route.lazy;
      });
      // A failed chunk (a new deployment, a dropped line) is fetched again on the next visit.
      promise.catch(() => loaded.delete(route));
      loaded.set(route, promise);
    }
    return promise;
  }

  function set(next: RouterState) {
    state = next;
    for (const listener of listeners) listener();
  }

  /** Loads the pages `location` needs, then shows it, unless another navigation began meanwhile. */
  async function go(location: Location, commit?: () => void): Promise<void> {
    const id = ++pending;
    const matches = matchRoutes(branches, location.pathname);
    let error: unknown = null;
    try {
      await Promise.all(matches.map((m) => load(m.route)));
    } catch (e) {
      error = e;
    }
    if (id !== pending) return;
    commit?.();
    set({ location, matches, error, initialized: true });
  }

  window.addEventListener('popstate', () => void go(currentLocation()));
  void go(state.location);

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    navigate(to, options = {}) {
      if (typeof to === 'number') {
        window.history.go(to);
        return Promise.resolve();
      }
      const url = resolveTo(to, state.location);
      const location: Location = {
        pathname: url.pathname,
        search: url.search,
        hash: url.hash,
        state: options.state ?? null,
        key: newKey(),
      };
      return go(location, () => {
        const entry = { usr: location.state, key: location.key };
        const href = url.pathname + url.search + url.hash;
        if (options.replace) window.history.replaceState(entry, '', href);
        else window.history.pushState(entry, '', href);
      });
    },
  };
}

// ---- rendering ------------------------------------------------------------------------------

const RouterContext = createContext<Router | null>(null);
const LocationContext = createContext<RouterState | null>(null);
const RouteContext = createContext<{ outlet: ReactNode; params: Params }>({ outlet: null, params: {} });
const OutletDataContext = createContext<unknown>(undefined);

class ErrorBoundary extends Component<
  { fallback: ReactNode; location: Location; children: ReactNode },
  { error: unknown; location: Location }
> {
  override state = { error: null as unknown, location: this.props.location };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  // A new address clears the error: the next page gets its chance.
  static getDerivedStateFromProps(props: { location: Location }, state: { error: unknown; location: Location }) {
    return props.location !== state.location ? { error: null, location: props.location } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    return this.state.error ? this.props.fallback : this.props.children;
  }
}

function renderMatches(state: RouterState): ReactNode {
  const { matches, error, location } = state;
  let outlet: ReactNode = null;
  for (let i = matches.length - 1; i >= 0; i--) {
    const { route, params } = matches[i]!;
    const Page = route.Component;
    let element: ReactNode = route.element !== undefined ? route.element : Page ? <Page /> : <Outlet />;
    if (route.errorElement !== undefined) {
      const failed = error !== null && matches.slice(i + 1).every((m) => m.route.errorElement === undefined);
      element = failed ? (
        route.errorElement
      ) : (
        <ErrorBoundary fallback={route.errorElement} location={location}>
          {element}
        </ErrorBoundary>
      );
    }
    outlet = <RouteContext.Provider value={{ outlet, params }}>{element}</RouteContext.Provider>;
  }
  return outlet;
}

export function RouterProvider({ router }: { router: Router }) {
  const state = useSyncExternalStore(router.subscribe, () => router.state);
  const tree = useMemo(() => renderMatches(state), [state]);
  if (!state.initialized) return null;
  return (
    <RouterContext.Provider value={router}>
      <LocationContext.Provider value={state}>{tree}</LocationContext.Provider>
    </RouterContext.Provider>
  );
}

function useRouterState(): RouterState {
  const state = useContext(LocationContext);
  if (!state) throw new Error('outside <RouterProvider>');
  return state;
}

export function useLocation(): Location {
  return useRouterState().location;
}

export function useParams<P extends Params = Params>(): P {
  return useContext(RouteContext).params as P;
}

export function useNavigate(): (to: To | number, options?: NavigateOptions) => Promise<void> {
  const router = useContext(RouterContext);
  return useCallback((to: To | number, options?: NavigateOptions) => router?.navigate(to, options) ?? Promise.resolve(), [router]);
}

export function Outlet({ context }: { context?: unknown }) {
  const { outlet } = useContext(RouteContext);
  return context === undefined ? outlet : <OutletDataContext.Provider value={context}>{outlet}</OutletDataContext.Provider>;
}

export function useOutletContext<T>(): T {
  return useContext(OutletDataContext) as T;
}

export function Navigate({ to, replace, state }: { to: To } & NavigateOptions) {
  const navigate = useNavigate();
  useEffect(() => {
    void navigate(to, { replace, state });
  }, [navigate, to, replace, state]);
  return null;
}

type SearchInit = URLSearchParams | string | Record<string, string> | [string, string][];

export function useSearchParams(): [
  URLSearchParams,
  (next: SearchInit | ((prev: URLSearchParams) => SearchInit), options?: NavigateOptions) => void,
] {
  const { search } = useLocation();
  const navigate = useNavigate();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const setParams = useCallback(
    (next: SearchInit | ((prev: URLSearchParams) => SearchInit), options?: NavigateOptions) => {
      const init = typeof next === 'function' ? next(new URLSearchParams(window.location.search)) : next;
      const query = new URLSearchParams(init).toString();
      void navigate(`?${query}`, options);
    },
    [navigate],
  );
  return [params, setParams];
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: To;
  replace?: boolean;
  state?: unknown;
}

/** An <a> that navigates inside the app (a plain link for new tabs, modifier keys and other targets). */
export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link(
  { to, replace, state, onClick, target, children, ...rest },
  ref,
) {
  const { location } = useRouterState();
  const navigate = useNavigate();
  const url = resolveTo(to, location);
  const href = url.pathname + url.search + url.hash;
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || (target && target !== '_self')) return;
    if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    // As React Router does: a link to the address already shown replaces it instead of adding history.
    const same = href === location.pathname + location.search + location.hash;
    void navigate(href, { replace: replace ?? same, state });
  };
  return (
    <a {...rest} ref={ref} href={href} target={target} onClick={handleClick}>
      {children}
    </a>
  );
});
