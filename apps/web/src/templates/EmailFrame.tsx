import { useEffect, useRef, useState } from 'react';
import './templates.css';

/**
 * Rendered email HTML at a real client width (`width` CSS pixels wide, as an inbox would lay it out), scaled down
 * to fit when the space is narrower. The HTML is hostile: it lives in a sandboxed frame with no scripts, no forms,
 * no navigation of the app and no referrer; none of it becomes the app's own markup.
 */
export function EmailFrame({ html, width, height, title }: { html: string; width: number; height: number; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState(width);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setAvailable(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // The frame's 1 px border on each side is outside its `width` (content-box), so the email gets all of it.
  const scale = Math.min(1, available / (width + 2));
  return (
    <div ref={box} className="email-frame-box" style={{ height: Math.ceil((height + 2) * scale) }}>
      <iframe
        className="email-frame"
        title={title}
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={html}
        width={width}
        height={height}
        style={{ width, height, transform: scale < 1 ? `scale(${scale})` : undefined }}
      />
    </div>
  );
}
