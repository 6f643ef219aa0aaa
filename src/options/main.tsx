// Renders the options page (opened from the browser's add-on settings or the popup's "Settings" link).
import { render } from 'preact';
import '../ui/theme.css';
import './options.css';
import { t } from '../ui/i18n';
import { Options } from './Options';

document.title = t('options_title');
render(<Options />, document.getElementById('app')!);
