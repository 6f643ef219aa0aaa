// Renders the options page (opened from the browser's add-on settings or the popup's "Settings" link).
import { render } from 'preact';
import '../ui/theme.css';
import './options.css';
import { Options } from './Options';

document.documentElement.lang = document.documentElement.lang || 'en';
render(<Options />, document.getElementById('app')!);
