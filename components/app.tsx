import type { LibraryRepository } from '@/lib/library';
import type { Candidate, ExtractResult } from '@/lib/model';
import type { ExportJob, ExportOutput } from './export-panel';
import { CapturePanel } from './capture-panel';
import { LibraryList } from './library-list';

export interface AppServices {
  capture(): Promise<ExtractResult>;
  save(candidates: Candidate[]): Promise<number>;
  library: LibraryRepository;
  runExport(job: ExportJob, signal: AbortSignal): Promise<ExportOutput>;
  copy(text: string, html?: string): Promise<void>;
  download(filename: string, text: string, mime: string): void;
}

/** The popup: what this page offers on top, the library below. Services are passed in (STYLE.md 7). */
export function App({ services }: { services: AppServices }) {
  return (
    <main>
      <header>
        <h1>Colophon</h1>
      </header>
      <CapturePanel capture={services.capture} save={services.save} />
      <LibraryList library={services.library} runExport={services.runExport} copy={services.copy} download={services.download} />
    </main>
  );
}
