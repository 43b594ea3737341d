// A YAML editor (CodeMirror 6: line numbers, undo, YAML highlighting) that shows field errors as
// underlines with gutter markers on the lines they name. Controlled: `value` in, `onChange` out.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, foldGutter, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

export interface EditorError {
  from: number;
  to: number;
  message: string;
}

const theme = EditorView.theme({
  '&': { height: '60vh', minHeight: '320px', border: '1px solid var(--pf-t--global--border--color--default)', fontSize: '14px' },
  '.cm-scroller': { fontFamily: 'Red Hat Mono, DejaVu Sans Mono, monospace' },
});

/**
 * An error at a point (a YAML syntax error at the end of the text, say) would be an invisible
 * zero-width mark: it gets its whole line, or the last line with text before it.
 */
function visibleRange(state: EditorState, from: number, to: number): { from: number; to: number } {
  const doc = state.doc;
  const a = Math.min(from, doc.length);
  const b = Math.min(Math.max(to, a), doc.length);
  if (b > a) return { from: a, to: b };
  let line = doc.lineAt(a);
  while (line.length === 0 && line.number > 1) line = doc.line(line.number - 1);
  return { from: line.from, to: line.to };
}

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errors: readonly EditorError[];
  /** Shown, not edited (the wizard's resulting VM); fixed when the editor is made. */
  readOnly?: boolean;
}

export function YamlEditor({ id, label, value, onChange, errors, readOnly = false }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The view is made once; it must always call the latest onChange.
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const v = new EditorView({
      parent,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          lintGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle),
          yaml(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
          theme,
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // Made once: later values arrive through the effect below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const diagnostics: Diagnostic[] = errors.map((e) => ({ ...visibleRange(v.state, e.from, e.to), severity: 'error', message: e.message }));
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [errors]);

  return <div id={id} ref={host} />;
}
