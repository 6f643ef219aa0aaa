// Renders the classroom page: a student's assignment and hand-in, a teacher's new assignment, and the merge of the class's work.
import { render } from 'preact';
import '../ui/theme.css';
import './classroom.css';
import { t, uiLanguage } from '../ui/i18n';
import { Classroom } from './Classroom';

document.documentElement.lang = uiLanguage();
document.title = t('classroom_title');
render(<Classroom />, document.getElementById('app')!);
