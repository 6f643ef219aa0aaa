// Renders the popup for the tab it was opened on (or the tab named by ?tab=, when opened as a page).
import { render } from 'preact';
import '../ui/theme.css';
import './popup.css';
import { uiLanguage } from '../ui/i18n';
import { askForPersistentStorage } from '../ui/storage-persistence';
import { Popup } from './Popup';

document.documentElement.lang = uiLanguage();

render(<Popup />, document.getElementById('app')!);
// The popup is where a reader first meets us: ask there (once granted, the browser remembers; the options page shows it).
void askForPersistentStorage();
