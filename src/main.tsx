import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { EmbedApp } from './app/EmbedApp.tsx';
import { registerServiceWorker } from './app/offline.ts';
import { readLaunchOptions } from './share/launch-options.ts';
import './app/theme.css';

const launch = readLaunchOptions(location);
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>{launch.embed ? <EmbedApp launch={launch} /> : <App launch={launch} />}</StrictMode>,
);
