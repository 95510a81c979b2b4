/** How a pipeline reports progress: the CLI draws a bar on a terminal, the server and tests ignore it. */
export type OnProgress = (done: number, total: number, detail?: string) => void;

export const noProgress: OnProgress = () => {};
