/** The full-page library: import, and the library as a sortable table with bulk actions and the record editor. */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { ImportPanel } from '@/components/import-panel';
import { LibraryTable } from '@/components/library-table';
import { createServices, createSettingsServices } from '@/components/services';
import { SettingsProvider } from '@/components/settings-context';
import { SettingsPanel } from '@/components/settings-panel';
import { parseImportInWorker } from '@/components/worker/cite-client';

const services = createServices(() => Promise.reject(new Error('The library page reads no tab.')));
const settingsServices = createSettingsServices();

function LibraryPage() {
  const [generation, setGeneration] = useState(0);
  return (
    <main>
      <header>
        <h1>Colophon library</h1>
        <ImportPanel parse={(bytes, onChunk, signal) => parseImportInWorker(bytes, onChunk, signal)} importItems={services.importItems} onImported={() => setGeneration((g) => g + 1)} />
      </header>
      {/* Told after an import: it reads the library again, keeping what the user has selected or open. */}
      <LibraryTable reload={generation} library={services.library} actions={services} runExport={services.runExport} copy={services.copy} download={services.download} />
    </main>
  );
}

render(
  <SettingsProvider services={settingsServices}>
    <LibraryPage />
    <SettingsPanel services={settingsServices} />
  </SettingsProvider>,
  document.getElementById('app')!,
);
