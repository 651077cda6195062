/** The one function of the `solc` npm package (soljson) the tests use: standard JSON in, out. */
declare module 'solc' {
  const solc: { compile(input: string): string };
  export default solc;
}
