// The /ws/test page: a hand-driven client of the seed 002 protocol. Plain browser JavaScript, no build step.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let socket = null;
  let tokenCount = 0;

  function setStatus(state, text) {
    $('status').dataset.state = state;
    $('status').textContent = text ?? state;
    const open = state === 'connected' || state === 'authenticated';
    $('connect').disabled = open || state === 'connecting';
    $('disconnect').disabled = !open;
    $('auth').disabled = !open;
    $('send').disabled = !open;
  }

  function log(direction, text) {
    const line = document.createElement('div');
    line.textContent = `${direction} ${text}`;
    $('log').append(line);
    $('log').scrollTop = $('log').scrollHeight;
  }

  function showError(text) {
    const item = document.createElement('li');
    item.textContent = text;
    $('errors').append(item);
  }

  function send(frame) {
    const text = JSON.stringify(frame);
    log('→', frame.type === 'auth' ? '{"type":"auth","token":"…"}' : text);
    socket.send(text);
  }

  function resetAnswer() {
    tokenCount = 0;
    $('answer').textContent = '';
    $('answer').dataset.tokens = '0';
    $('answer').dataset.complete = 'false';
    $('progressText').textContent = '';
    $('agent').textContent = $('confidence').textContent = $('sources').textContent = '–';
    $('errors').replaceChildren();
    for (const step of $('steps').children) step.className = '';
  }

  function markStep(name, text) {
    let reached = false;
    for (const step of [...$('steps').children].reverse()) {
      if (step.dataset.step === name) { step.className = 'active'; reached = true; }
      else if (reached) step.className = 'done';
    }
    $('progressText').textContent = text;
  }

  function onFrame(data) {
    switch (data.type) {
      case 'auth_success':
        setStatus('authenticated');
        $('user').textContent = `as ${data.user.name ?? data.user.id} <${data.user.email ?? ''}>`;
        break;
      case 'auth_error':
        setStatus('connected', 'connected (not authenticated)');
        $('user').textContent = '';
        showError(`auth_error: ${data.message}`);
        break;
      case 'progress':
        markStep(data.step, data.message);
        break;
      case 'token':
        tokenCount += 1;
        // partial_response is the whole answer so far, so a lost render never leaves a gap.
        $('answer').textContent = data.partial_response;
        $('answer').dataset.tokens = String(tokenCount);
        break;
      case 'complete':
        for (const step of $('steps').children) step.className = 'done';
        $('progressText').textContent = 'Done.';
        $('answer').textContent = data.response;
        $('answer').dataset.complete = 'true';
        $('session').value = data.session_id;
        $('agent').textContent = data.metadata.agent;
        $('confidence').textContent = String(data.metadata.confidence);
        $('sources').textContent = (data.metadata.context?.sources ?? []).join(', ') || '(none)';
        break;
      case 'error':
        showError(`${data.code}: ${data.error}`);
        break;
      case 'pong':
        break;
      default:
        showError(`unexpected frame type ${data.type}`);
    }
  }

  function connect() {
    const brand = $('brand').value;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}/ws/chat${brand ? `?brand_id=${encodeURIComponent(brand)}` : ''}`;
    setStatus('connecting');
    socket = new WebSocket(url);
    socket.onopen = () => {
      setStatus('connected', 'connected (not authenticated)');
      // The token goes in an auth frame rather than the URL, which proxies and logs keep.
      const token = $('token').value.trim();
      if (token) send({ type: 'auth', token });
    };
    socket.onmessage = (event) => {
      log('←', event.data.length > 300 ? `${event.data.slice(0, 300)}…` : event.data);
      try { onFrame(JSON.parse(event.data)); } catch (error) { showError(`bad frame: ${error}`); }
    };
    socket.onerror = () => showError('WebSocket error');
    socket.onclose = (event) => {
      setStatus('disconnected', `disconnected (${event.code}${event.reason ? ` ${event.reason}` : ''})`);
      $('user').textContent = '';
      socket = null;
    };
  }

  async function mintToken() {
    const response = await fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'ws-test-user', name: 'WS Test User', email: 'ws-test@example.com' }),
    });
    if (!response.ok) { showError(`/dev/token: HTTP ${response.status}`); return; }
    $('token').value = (await response.json()).token;
  }

  async function loadBrands() {
    try {
      const brands = await (await fetch('/brands/active')).json();
      for (const brand of brands) {
        const option = document.createElement('option');
        option.value = brand.id;
        option.textContent = `${brand.name} (${brand.id})`;
        $('brand').append(option);
      }
    } catch (error) {
      showError(`could not load brands: ${error}`);
    }
  }

  async function offerDevTokens() {
    // The development endpoint exists only when the server runs in Development; probe it once.
    const response = await fetch('/dev/token', { method: 'OPTIONS' }).catch(() => null);
    $('mint').hidden = !response || response.status === 404;
  }

  $('connect').onclick = connect;
  $('disconnect').onclick = () => socket?.close(1000, 'bye');
  $('auth').onclick = () => send({ type: 'auth', token: $('token').value.trim() });
  $('mint').onclick = mintToken;
  $('newSession').onclick = () => { $('session').value = ''; };
  $('send').onclick = () => {
    resetAnswer();
    const frame = { type: 'message', message: $('message').value };
    if ($('session').value.trim()) frame.session_id = $('session').value.trim();
    if ($('brand').value) frame.brand_id = $('brand').value;
    send(frame);
  };
  $('message').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !$('send').disabled) $('send').click();
  });

  resetAnswer();
  setStatus('disconnected');
  loadBrands();
  offerDevTokens();
})();
