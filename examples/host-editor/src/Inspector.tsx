import { useMemo, useState, type ReactNode } from 'react';
import {
  LookError,
  resolveLook,
  selectSelectedTrackId,
  selectTrackById,
  trackColorChanged,
  trackLookChanged,
  trackTextChanged,
  useCompositorDispatch,
  useCompositorSelector,
  type BlendMode,
  type FitMode,
  type LookChange,
} from 'multitrack-kit';

const blends: BlendMode[] = ['normal', 'multiply', 'screen', 'overlay', 'lighten', 'darken', 'add'];
const fits: FitMode[] = ['contain', 'cover', 'fill'];

/** A number field that edits on Enter or when it loses focus, so typing "-1" is not two edits. */
function NumberField({ label, value, step = 1, onCommit }: { label: string; value: number; step?: number; onCommit(value: number): void }) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const shown = draft ?? String(Math.round(value * 1000) / 1000);
  const commit = () => {
    if (draft === undefined) return;
    setDraft(undefined);
    onCommit(Number(draft));
  };
  return (
    <label className="inspector-field">
      <span>{label}</span>
      <input
        type="number"
        step={step}
        value={shown}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && commit()}
      />
    </label>
  );
}

/** A text field that edits on Enter or when it loses focus. */
function TextField({ label, value, onCommit }: { label: string; value: string; onCommit(value: string): void }) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const commit = () => {
    if (draft === undefined) return;
    setDraft(undefined);
    onCommit(draft);
  };
  return (
    <label className="inspector-field">
      <span>{label}</span>
      <input type="text" value={draft ?? value} onChange={(event) => setDraft(event.currentTarget.value)} onBlur={commit} onKeyDown={(event) => event.key === 'Enter' && commit()} />
    </label>
  );
}

function SelectField<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly T[]; onChange(value: T): void }) {
  return (
    <label className="inspector-field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.currentTarget.value as T)}>
        {options.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    </label>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="inspector-group">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * The selected layer's look, to read and edit: one `trackLookChanged` an edit (the handles on the
 * composite make the same). A value the kit refuses says why, and the layer stays as it was.
 */
export function Inspector() {
  const dispatch = useCompositorDispatch();
  const selectedId = useCompositorSelector(selectSelectedTrackId);
  const track = useCompositorSelector((state) => (selectedId == null ? undefined : selectTrackById(state, selectedId)));
  const look = useMemo(() => (track ? resolveLook(track.layout, track.look) : undefined), [track]);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  if (!track || !look || track.kind === 'audio') {
    return (
      <section aria-label="Inspector" className="inspector">
        <p>Select a picture layer to see its look.</p>
      </section>
    );
  }
  // Each edit is one action; one the kit refuses (a `LookError`) says why and changes nothing.
  const edit = (action: () => unknown) => {
    try {
      action();
      setRefusal(undefined);
    } catch (error) {
      if (!(error instanceof LookError)) throw error;
      setRefusal(error.message);
    }
  };
  const change = (look: LookChange) => edit(() => dispatch(trackLookChanged({ id: track.id, look })));
  return (
    <section aria-label="Inspector" className="inspector">
      <h2>{track.name}</h2>
      {refusal && <p role="alert">{refusal}</p>}
      {track.kind === 'text' && track.text && (
        <Group title="Title">
          <TextField label="Words" value={track.text.content} onCommit={(content) => edit(() => dispatch(trackTextChanged({ id: track.id, text: { content } })))} />
          <NumberField label="Font size" value={track.text.fontSize} onCommit={(fontSize) => edit(() => dispatch(trackTextChanged({ id: track.id, text: { fontSize } })))} />
          <TextField label="Text colour" value={track.text.color} onCommit={(color) => edit(() => dispatch(trackTextChanged({ id: track.id, text: { color } })))} />
        </Group>
      )}
      {track.kind === 'color' && track.color && (
        <Group title="Colour">
          <TextField label="Colour" value={track.color} onCommit={(color) => edit(() => dispatch(trackColorChanged({ id: track.id, color })))} />
        </Group>
      )}
      <Group title="Place">
        <NumberField label="X" value={look.x} onCommit={(x) => change({ x })} />
        <NumberField label="Y" value={look.y} onCommit={(y) => change({ y })} />
        <NumberField label="Width" value={look.width} onCommit={(width) => change({ width })} />
        <NumberField label="Height" value={look.height} onCommit={(height) => change({ height })} />
      </Group>
      <Group title="Transform">
        <NumberField label="Scale X" step={0.05} value={look.scale.x} onCommit={(x) => change({ scale: { x } })} />
        <NumberField label="Scale Y" step={0.05} value={look.scale.y} onCommit={(y) => change({ scale: { y } })} />
        <NumberField label="Rotation" value={look.rotation} onCommit={(rotation) => change({ rotation })} />
        <label className="inspector-check">
          <input type="checkbox" checked={look.flip.horizontal} onChange={(event) => change({ flip: { horizontal: event.currentTarget.checked } })} /> Flip across
        </label>
        <label className="inspector-check">
          <input type="checkbox" checked={look.flip.vertical} onChange={(event) => change({ flip: { vertical: event.currentTarget.checked } })} /> Flip up and down
        </label>
      </Group>
      <Group title="Crop (share of each side)">
        {(['top', 'right', 'bottom', 'left'] as const).map((side) => (
          <NumberField key={side} label={`Crop ${side}`} step={0.05} value={look.crop[side]} onCommit={(value) => change({ crop: { [side]: value } })} />
        ))}
      </Group>
      <Group title="Picture">
        <SelectField label="Fit" value={look.fit} options={fits} onChange={(fit) => change({ fit })} />
        <NumberField label="Opacity" step={0.1} value={look.opacity} onCommit={(opacity) => change({ opacity })} />
        <SelectField label="Blend" value={look.blend} options={blends} onChange={(blend) => change({ blend })} />
      </Group>
    </section>
  );
}
