import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getLanguage } from './i18n/language-store';
import { loadDictionary } from './i18n/use-t';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

void loadDictionary(getLanguage()).then(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
