export declare const UNPACKED_PROMTOOL: string;
/** Where promtool is, or null when it is neither installed nor unpacked. */
export declare function findPromtool(): string | null;
