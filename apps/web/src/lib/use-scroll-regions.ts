// Keyboard reach for tables that scroll in their own box (WCAG 2.1.1; axe's scrollable-region-focusable):
// antd renders the scrolling element (.ant-table-content / .ant-table-body) itself, so while the signed-in
// frame is shown every such element that actually scrolls gets tabIndex 0, role region and a name, and
// loses them again when it no longer scrolls. Elements that do not scroll stay out of the tab order.
import { useEffect } from 'react';

const SCROLLERS = '.ant-table-content, .ant-table-body';
const MARK = 'data-xh-scroll-region';

function scrolls(el: HTMLElement): boolean {
  return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}

function update(root: HTMLElement, label: string): void {
  for (const el of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    if (scrolls(el)) {
      if (el.getAttribute(MARK) === label) continue;
      el.setAttribute(MARK, label);
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', label);
    } else if (el.hasAttribute(MARK)) {
      el.removeAttribute(MARK);
      el.removeAttribute('tabindex');
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
    }
  }
}

/** Keeps the scrolling table boxes under `root` reachable by keyboard, named `label`. */
export function useScrollRegions(label: string): void {
  useEffect(() => {
    const root = document.getElementById('root');
    if (!root) return;
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        update(root, label);
      });
    };
    const observer = new MutationObserver(schedule);
    observer.observe(root, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      cancelAnimationFrame(frame);
    };
  }, [label]);
}
