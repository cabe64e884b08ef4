import { render } from 'preact';
import { App } from './app';
import { installRouter } from './lib/router';
import './styles.css';

installRouter();
const root = document.getElementById('app');
if (root) render(<App />, root);
