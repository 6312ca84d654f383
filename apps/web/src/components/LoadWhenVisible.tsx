// Below the fold: a part of a page that is not on the first screen is rendered (and its code fetched) only
// when it scrolls near the window, so the first load carries only what the first screen shows.
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';

interface LoadWhenVisibleProps {
  children: ReactNode;
  /** Height held while the part is not loaded yet (so the page does not jump when it comes). */
  minHeight: number;
  testId?: string;
}

export function LoadWhenVisible({ children, minHeight, testId }: LoadWhenVisibleProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || visible) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setVisible(true);
      },
      { rootMargin: '0px 0px 120px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);
  const placeholder = <div style={{ minHeight }} data-testid={testId ? `${testId}-pending` : undefined} />;
  return (
    <div ref={ref}>{visible ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder}</div>
  );
}
