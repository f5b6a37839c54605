import type { LibraryRepository } from '@/lib/library';
import type { Candidate, ExtractResult, LibraryRecord } from '@/lib/model';
import { CapturePanel } from './capture-panel';
import { LibraryList } from './library-list';

export interface AppServices {
  capture(): Promise<ExtractResult>;
  save(candidates: Candidate[]): Promise<number>;
  library: LibraryRepository;
  exportBibtex(records: LibraryRecord[]): Promise<string>;
  copy(text: string): Promise<void>;
  download(filename: string, text: string): void;
}

/** The popup: what this page offers on top, the library below. Services are passed in (STYLE.md 7). */
export function App({ services }: { services: AppServices }) {
  return (
    <main>
      <header>
        <h1>Colophon</h1>
      </header>
      <CapturePanel capture={services.capture} save={services.save} />
      <LibraryList library={services.library} exportBibtex={services.exportBibtex} copy={services.copy} download={services.download} />
    </main>
  );
}
