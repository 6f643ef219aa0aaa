// Renders the popup for the tab it was opened on (or the tab named by ?tab=, when opened as a page).
import { render } from 'preact';
import '../ui/theme.css';
import './popup.css';
import { Popup } from './Popup';

render(<Popup />, document.getElementById('app')!);
