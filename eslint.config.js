// Lint, with the rooms of DESIGN.md enforced as import boundaries (STYLE.md 3). The rules match import
// specifiers (relative `../library` or aliased `@/lib/library`), so they need no module resolver.
import tseslint from 'typescript-eslint';

// `../library`, `../../lib/library/db`, `@/lib/library`: any relative or aliased path into the room.
const roomRegex = (rooms) => `^(?:(?:\\.{1,2}/)+|@/)(?:${rooms.map((r) => r.replace(/^lib\//, '(?:lib/)?')).join('|')})(?:/|$)`;
const forbid = (rooms, message) => ({ regex: roomRegex(rooms), message });
const dexie = { name: 'dexie', message: 'Only lib/library/db.ts opens Dexie: a content script importing it would open the page’s IndexedDB.' };
const browserApi = { name: 'wxt/browser', message: 'Call browser APIs through lib/platform (or lib/messaging).' };
const noBrowserGlobals = ['error', { name: 'chrome', message: 'Call browser APIs through lib/platform.' }, { name: 'browser', message: 'Call browser APIs through lib/platform.' }];

/** One block per room: what its files may not import. */
const rooms = [
  {
    files: ['lib/extract/**'],
    paths: [dexie, browserApi],
    patterns: [forbid(['lib/library', 'lib/platform', 'lib/messaging', 'lib/cite', 'components', 'entrypoints'], 'lib/extract is pure: it reads the DOM it is given.')],
    globals: true,
  },
  {
    files: ['lib/cite/**'],
    paths: [dexie, browserApi],
    patterns: [forbid(['lib/library', 'lib/platform', 'lib/messaging', 'lib/extract', 'components', 'entrypoints'], 'lib/cite is pure: records in, text out.')],
    globals: true,
  },
  {
    files: ['lib/model/**'],
    paths: [dexie, browserApi],
    patterns: [forbid(['lib/library', 'lib/platform', 'lib/messaging', 'lib/extract', 'lib/cite', 'components', 'entrypoints'], 'lib/model depends on zod only.')],
    globals: true,
  },
  {
    files: ['lib/library/**'],
    ignores: ['lib/library/db.ts'],
    paths: [{ ...dexie, allowTypeImports: true }, browserApi],
    patterns: [forbid(['lib/platform', 'lib/messaging', 'lib/extract', 'components', 'entrypoints'], 'lib/library holds storage only.')],
    globals: true,
  },
  {
    files: ['lib/settings.ts', 'lib/settings-schema.ts'],
    paths: [dexie, browserApi],
    patterns: [forbid(['lib/library', 'lib/platform', 'lib/messaging', 'lib/extract', 'components', 'entrypoints'], 'lib/settings is the settings schema only; lib/platform stores it.')],
    globals: true,
  },
  {
    files: ['lib/messaging/**', 'lib/platform/**'],
    paths: [dexie],
    patterns: [forbid(['lib/library', 'lib/extract', 'lib/cite', 'components', 'entrypoints'], 'lib/messaging and lib/platform move data; they do not own it.')],
  },
  {
    files: ['components/**'],
    paths: [{ ...dexie, allowTypeImports: true }, browserApi],
    patterns: [forbid(['entrypoints'], 'components are wired by entrypoints, not the reverse.')],
    globals: true,
  },
  {
    files: ['entrypoints/**'],
    paths: [{ ...dexie, allowTypeImports: true }],
    patterns: [],
  },
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...rooms.map(({ files, ignores, paths, patterns, globals }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': ['error', { paths, patterns }],
      ...(globals ? { 'no-restricted-globals': noBrowserGlobals } : {}),
    },
  })),
);
