/** The two themes every X-ray view has (light, and dark for `prefers-color-scheme` or a theme switch). */
export type XrayTheme = 'light' | 'dark';

/**
 * The X-ray's colours in one theme: the page around the text (`bg`, `fg`, `muted`, `line`, `panel`,
 * `tipbg`, `edge` between tokens, `focus`), the token backgrounds of the five bands (`green` … `red`,
 * `redfg` the text on red), the clue marks (`mark`), the top-vs-second chart's bars (`bar1`, `bar2`),
 * and stronger band colours for lines and dots (`chart-*`) and the sentence verdicts (`publish`,
 * `check`, `review`).
 */
export interface XrayPalette {
  bg: string;
  fg: string;
  muted: string;
  line: string;
  panel: string;
  green: string;
  lime: string;
  yellow: string;
  orange: string;
  red: string;
  redfg: string;
  bar1: string;
  bar2: string;
  mark: string;
  focus: string;
  tipbg: string;
  edge: string;
  'chart-green': string;
  'chart-lime': string;
  'chart-yellow': string;
  'chart-orange': string;
  'chart-red': string;
  publish: string;
  check: string;
  review: string;
}

/** The X-ray's colours, defined once for the HTML report and the web app (as CSS custom properties). */
export const XRAY_PALETTE: Readonly<Record<XrayTheme, Readonly<XrayPalette>>> = {
  light: {
    bg: '#fdfdfc',
    fg: '#1d1f21',
    muted: '#5c6166',
    line: '#d8dadd',
    panel: '#f3f4f5',
    green: '#bdeec4',
    lime: '#e6f59a',
    yellow: '#ffe27a',
    orange: '#ffb26b',
    red: '#ff8f8f',
    redfg: '#1d1f21',
    bar1: '#2ca02c',
    bar2: '#d62728',
    mark: '#b0128a',
    focus: '#1a5fd0',
    tipbg: '#ffffff',
    edge: 'rgba(0,0,0,.22)',
    'chart-green': '#2ca02c',
    'chart-lime': '#8fbf1f',
    'chart-yellow': '#d9a800',
    'chart-orange': '#ef7d1a',
    'chart-red': '#d62728',
    publish: '#1e7b34',
    check: '#946200',
    review: '#b42318',
  },
  dark: {
    bg: '#16181b',
    fg: '#e4e6e8',
    muted: '#9aa1a8',
    line: '#33373c',
    panel: '#1f2226',
    green: '#1e4d2b',
    lime: '#4d5c10',
    yellow: '#6e5a08',
    orange: '#84420d',
    red: '#8f1d1d',
    redfg: '#fff',
    bar1: '#4cc24c',
    bar2: '#f0605f',
    mark: '#f07ad6',
    focus: '#7fb0ff',
    tipbg: '#23272c',
    edge: 'rgba(255,255,255,.25)',
    'chart-green': '#4cc24c',
    'chart-lime': '#b5d93a',
    'chart-yellow': '#f0c929',
    'chart-orange': '#ff9b45',
    'chart-red': '#f0605f',
    publish: '#6fd08a',
    check: '#f0c929',
    review: '#ff8a80',
  },
};

/**
 * One theme of the palette as CSS custom properties, named `--` + `prefix` + colour:
 * `paletteVariables('light', 'xr-')` is `--xr-bg:#fdfdfc;--xr-fg:#1d1f21;…`.
 */
export function paletteVariables(theme: XrayTheme, prefix = ''): string {
  return Object.entries(XRAY_PALETTE[theme])
    .map(([name, colour]) => `--${prefix}${name}:${colour};`)
    .join('');
}
