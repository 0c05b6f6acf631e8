import '@tokenscope/core/names'; // names of people, places, ... among the critical facts
import { render } from 'preact';
import { App } from './app/App';
import { applyTheme, loadTheme } from './app/theme';
import './styles/app.css';
import './styles/history.css';
import './styles/compose.css';
import './styles/run.css';
import './styles/compare.css';

// Before the first render, so the page never flashes the other theme.
applyTheme(loadTheme());
render(<App />, document.getElementById('app')!);
