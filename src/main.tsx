import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { EmbedApp } from './app/EmbedApp.tsx';
import { isFramed } from './app/framing.ts';
import { registerServiceWorker } from './app/offline.ts';
import { FramedNotice } from './components/Notice/FramedNotice.tsx';
import { readLaunchOptions } from './share/launch-options.ts';
import './app/theme.css';

const launch = readLaunchOptions(location);
// Framed without ?embed=1: a link to open the app at the top level, and nothing else (see framing.ts).
const refused = !launch.embed && isFramed();
if (!refused) registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {refused ? (
      <FramedNotice href={location.href} />
    ) : launch.embed ? (
      <EmbedApp launch={launch} />
    ) : (
      <App launch={launch} />
    )}
  </StrictMode>,
);
