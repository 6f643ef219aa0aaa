// Renders the note editor: an extension page the content script frames beside the reader's selection.
import { render } from 'preact';
import '../ui/theme.css';
import './editor.css';
import { NoteEditor } from './NoteEditor';

render(<NoteEditor draftId={decodeURIComponent(location.hash.slice(1))} />, document.getElementById('app')!);
