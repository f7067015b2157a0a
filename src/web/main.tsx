import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { i18nReady } from './i18n/index.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app.js';

// Zod would probe `new Function` for faster parsing; the Content-Security-Policy forbids eval, so no probe.
z.config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');
// The router has already started fetching the page's chunk (app.js): both arrive together.
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
