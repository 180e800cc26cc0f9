// Two self-contained ES modules for CMS pages, lit, the SDK and openapi-fetch included in each:
// `portail-famille.js` for the parents' pages and `portail-famille-staff.js` for the staff
// console. The parents' bundle must never carry the console.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const plugins = () => [
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
];

/** Fails the build when a module of `folder` ends up in this bundle. */
function forbidModules(folder) {
  return {
    name: 'forbid-modules',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const found = Object.keys(chunk.modules).filter((id) => id.replaceAll('\\', '/').includes(`/${folder}/`));
        if (found.length) this.error(`${chunk.fileName} must not include ${folder}: ${found.join(', ')}`);
      }
    },
  };
}

export default [
  {
    input: 'src/index.ts',
    output: { file: 'bundle/portail-famille.js', format: 'es', sourcemap: false },
    plugins: [...plugins(), forbidModules('pf-staff-console')],
  },
  {
    input: 'src/staff.ts',
    output: { file: 'bundle/portail-famille-staff.js', format: 'es', sourcemap: false },
    plugins: plugins(),
  },
];
