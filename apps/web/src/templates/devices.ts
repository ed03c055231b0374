/** The preview widths: a desktop inbox's reading pane (emails are designed 600–700 px wide) and a phone. */
export const DEVICES = {
  desktop: { label: 'Desktop', width: 640, height: 560 },
  mobile: { label: 'Mobile', width: 375, height: 640 },
} as const;

export type Device = keyof typeof DEVICES;
