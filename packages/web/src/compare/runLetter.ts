/** The letter a comparison gives its run at `index`: A, B, C, ... */
export function runLetter(index: number): string {
  return String.fromCharCode(65 + index);
}
