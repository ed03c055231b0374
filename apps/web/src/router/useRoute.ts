import { useSyncExternalStore } from 'react';
import { parseHash, type Route } from './route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = () => window.location.hash;

/** The current route, updated when the hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, readHash);
  return parseHash(hash);
}

/** Moves to another page (adds a history entry, like a link). */
export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/, '');
}
