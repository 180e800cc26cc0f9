// One self-contained ES module for CMS pages: lit, the SDK and openapi-fetch included.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

export default {
  input: 'src/index.ts',
  output: {
    file: 'bundle/portail-famille.js',
    format: 'es',
    sourcemap: false,
  },
  plugins: [
    // `browser` + production conditions: Lit's production build, never its dev mode.
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    typescript({
      tsconfig: './tsconfig.json',
      // The package tsconfig is composite (for `tsc --build`); rollup only needs JS.
      outDir: 'bundle',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      composite: false,
      declaration: false,
      declarationMap: false,
      incremental: false,
      sourceMap: false,
    }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
};
