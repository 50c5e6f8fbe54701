import { AuthError, adoptFragmentToken, api, setToken } from './api.js';
import { clear, showError } from './dom.js';
import { connectLive } from './live.js';
import { renderMiner } from './minerView.js';
import { renderValidator } from './validatorView.js';

const main = document.getElementById('main');
const liveBadge = document.getElementById('live');
const authForm = document.getElementById('auth');

function askForToken() {
  authForm.hidden = false;
  authForm.addEventListener(
    'submit',
    (e) => {
      e.preventDefault();
      setToken(document.getElementById('token').value.trim());
      authForm.hidden = true;
      start();
    },
    { once: true },
  );
}

async function start() {
  let overview;
  try {
    overview = await api('overview');
  } catch (error) {
    if (error instanceof AuthError) return askForToken();
    showError(`Cannot reach the daemon (${error.message}); retrying.`);
    setTimeout(start, 5000);
    return;
  }
  showError('');
  document.getElementById('title').textContent = `${overview.subnet || 'subnet'} ${overview.role}`;
  document.title = `${overview.subnet || 'taonode'} ${overview.role} · taonode`;
  document.getElementById('footer').textContent =
    `${overview.version ? `taonode ${overview.version} · ` : ''}history: ${overview.history.retentionDays} days` +
    (overview.history.persisted ? '' : ' (in memory only)');
  clear(main);
  main.dataset.role = overview.role;
  let view;
  try {
    view =
      overview.role === 'miner' ? await renderMiner(main, overview) : await renderValidator(main, overview);
  } catch (error) {
    if (error instanceof AuthError) return askForToken();
    showError(`Loading failed (${error.message}).`);
    return;
  }
  document.body.dataset.ready = 'true';
  connectLive({
    onEvent: (name, data) => view.onEvent(name, data),
    onState: (s) => {
      liveBadge.dataset.state = s;
      liveBadge.textContent = s;
    },
  });
}

adoptFragmentToken();
start();
