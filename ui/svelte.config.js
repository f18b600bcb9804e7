// Svelte compiler options shared by Vite, Vitest and svelte-check.
export default {
  compilerOptions: {
    // Every component uses runes; fail loudly on legacy syntax.
    runes: true,
  },
};
