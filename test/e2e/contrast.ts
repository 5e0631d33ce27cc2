import type { CardHandle } from './playground-page';

/**
 * WCAG contrast of a rendered TextBlock's text against what is behind it: its computed colour,
 * and the first opaque background found going up the DOM (the card, the Playground's chat pane).
 */
export function textContrast(card: CardHandle, text: string): Promise<number> {
  return card.root.evaluate((root, wanted) => {
    const block = Array.from(root.querySelectorAll<HTMLElement>('.ac-textBlock')).find((el) => el.innerText.trim() === wanted);
    if (!block) throw new Error(`no text block reads ${JSON.stringify(wanted)}`);
    const rgba = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    let background = [255, 255, 255];
    for (let el: HTMLElement | null = block; el; el = el.parentElement) {
      const bg = rgba(getComputedStyle(el).backgroundColor);
      if (bg.length >= 3 && (bg[3] ?? 1) > 0.5) {
        background = bg;
        break;
      }
    }
    const [lighter, darker] = [luminance(rgba(getComputedStyle(block).color)), luminance(background)].sort((a, b) => b - a);
    return ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
  }, text);
}

