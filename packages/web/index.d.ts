/** Absolute path of the built web app (index.html and assets), served by `tokenscope serve` at `/`. */
export declare const webRoot: string;
