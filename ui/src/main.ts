// Entry point: apply the remembered language to <html>, then mount the app.
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { loadLang } from './i18n/index.svelte';

loadLang();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target });
