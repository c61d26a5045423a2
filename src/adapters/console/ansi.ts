/** SGR styles for the terminal; with colour off every style returns the text unchanged. */
export interface Ansi {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`;

const COLOR: Ansi = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39),
  cyan: sgr(36, 39),
};

const plain = (text: string): string => text;
const PLAIN: Ansi = { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };

export const createAnsi = (color: boolean): Ansi => (color ? COLOR : PLAIN);
