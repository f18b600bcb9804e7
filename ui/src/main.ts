// Entry point: apply the remembered language to <html>, ask the core for its reference data
// (whose country names every view uses), then mount the app.
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { loadLang } from './i18n/index.svelte';
import { getReferenceData } from './services/app';

loadLang();
void getReferenceData();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target });
