import { useEffect, useState, type ReactNode } from 'react';

declare global {
  interface Window {
    /** Set while a story is mounted; the test-runner hook unmounts it to check what it leaves. */
    __storyLifetime?: { unmount(): Promise<void> };
  }
}

/** Lets the test runner unmount a story, as leaving it would, and then look for leaks. */
export function StoryLifetime({ children }: { children: ReactNode }) {
  const [mounted, setMounted] = useState(true);

  useEffect(() => {
    const lifetime = {
      unmount: () =>
        new Promise<void>((resolve) => {
          setMounted(false);
          setTimeout(resolve, 0);
        }),
    };
    window.__storyLifetime = lifetime;
    return () => {
      if (window.__storyLifetime === lifetime) delete window.__storyLifetime;
    };
  }, []);

  return mounted ? children : <p>The story was unmounted.</p>;
}
