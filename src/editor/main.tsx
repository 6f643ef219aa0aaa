// Renders the note editor: an extension page the content script frames beside the reader's selection.
import { render } from 'preact';
import '../ui/theme.css';
import './editor.css';
import { t, uiLanguage } from '../ui/i18n';
import { NoteEditor } from './NoteEditor';

document.documentElement.lang = uiLanguage();
document.title = t('editor_title');

render(<NoteEditor draftId={decodeURIComponent(location.hash.slice(1))} />, document.getElementById('app')!);
