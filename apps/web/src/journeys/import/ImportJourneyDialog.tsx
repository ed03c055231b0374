import '../../editor/publish/publish.css';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { importErrorLines, previewImport, runImport, type ImportPreview, type ImportResult } from './importApi';
import { ImportPreviewView } from './ImportPreviewView';

/** Largest file read in the browser; the API refuses more than 4 MB anyway. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Import a journey bundle (exported from another install): choose the file or paste it, see what would change
 * (matched by name), then import as a draft. Render it only while importing.
 */
export function ImportJourneyDialog({
  onImported,
  onCancel,
}: {
  onImported: (result: ImportResult, name: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<{ bundle: unknown; answer: ImportPreview } | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [overwrite, setOverwrite] = useState(false);
  const textId = useId();
  const fileId = useId();

  const change = (next: string) => {
    setText(next);
    setPreview(null);
    setErrors([]);
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setErrors([`The file is ${Math.round(file.size / 1024)} KB; a bundle can be at most 4 MB.`]);
    change(await file.text());
  };
  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setErrors([]);
    try {
      await work();
    } catch (error) {
      setErrors(importErrorLines(error));
    } finally {
      setBusy(false);
    }
  };
  const showPreview = () =>
    attempt(async () => {
      let bundle: unknown;
      try {
        bundle = JSON.parse(text);
      } catch (error) {
        throw new Error(`This is not JSON: ${(error as Error).message}`);
      }
      setPreview({ bundle, answer: await previewImport(bundle) });
    });
  const importNow = () =>
    attempt(async () => {
      if (!preview) return;
      onImported(await runImport(preview.bundle, overwrite), preview.answer.journey.name);
    });

  return (
    <div className="publish-review-holder">
      <ConfirmDialog
        title="Import a journey"
        confirmLabel="Import as draft"
        tone="primary"
        busy={busy}
        confirmDisabled={!preview || preview.answer.problems.length > 0}
        onConfirm={() => void importNow()}
        onCancel={onCancel}
      >
        <p>A journey bundle exported from another install (its templates and offers are matched by name).</p>
        <div className="import-form">
          <div className="field">
            <label htmlFor={fileId}>Bundle file (.json)</label>
            <input id={fileId} type="file" accept="application/json,.json" onChange={(event) => void readFile(event.target.files?.[0])} />
          </div>
          <div className="field">
            <label htmlFor={textId}>Or paste the bundle</label>
            <textarea id={textId} rows={6} value={text} spellCheck={false} onChange={(event) => change(event.target.value)} />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={overwrite} onChange={(event) => setOverwrite(event.target.checked)} /> Update same-named
            templates and offers that differ
          </label>
        </div>
        <p>
          <button type="button" className="button" disabled={busy || text.trim() === ''} onClick={() => void showPreview()}>
            Preview differences
          </button>
        </p>
        {errors.length > 0 && (
          <div role="alert" className="banner banner-error">
            <ul>
              {errors.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        )}
        {preview && <ImportPreviewView preview={preview.answer} overwrite={overwrite} />}
      </ConfirmDialog>
    </div>
  );
}
