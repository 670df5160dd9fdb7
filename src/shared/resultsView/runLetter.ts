/** The letter of the k-th compared run (from 0), the same in the panel and the paper tables: A, B, …, Z, AA, AB, … */
export function runLetter(index: number): string {
  let letters = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) letters = String.fromCharCode(65 + ((i - 1) % 26)) + letters;
  return letters;
}
