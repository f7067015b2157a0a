import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ProblemError } from './client.js';

type ProblemListener = (error: ProblemError) => void;
let listener: ProblemListener | null = null;

/** The app registers one listener that reacts to session-wide problems (sign-out, TOTP set-up). */
export function onSessionProblem(fn: ProblemListener): () => void {
  listener = fn;
  return () => {
    if (listener === fn) listener = null;
  };
}

function notify(error: unknown) {
  if (error instanceof ProblemError && (error.slug === 'unauthenticated' || error.slug === 'totp-setup-required')) {
    listener?.(error);
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: notify }),
  mutationCache: new MutationCache({ onError: notify }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ProblemError) && count < 2,
    },
    mutations: { retry: false },
  },
});
