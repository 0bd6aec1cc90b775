/*
 * The wallboard's login form (login.html, which routing-service sends as the body of a 401 on
 * /wallboard): posts the credentials as JSON to /v1/auth/session, which answers with the
 * HttpOnly session cookie, then reloads /wallboard, now with the cookie. A failed login shows the
 * problem body's detail. The page holds no token itself: the cookie is invisible to scripts.
 */
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);

  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    $('login-submit').disabled = true;
    const tenant = $('tenant').value.trim();
    const body = { username: $('username').value.trim(), password: $('password').value };
    if (tenant) body.tenant = tenant;
    try {
      const answer = await fetch('/v1/auth/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(body),
      });
      if (!answer.ok) {
        const problem = await answer.json().catch(() => ({}));
        throw new Error(problem.detail || problem.title || `login failed (${answer.status})`);
      }
      $('password').value = '';
      // The cookie only rides on /wallboard; replace(), so Back does not return to the form.
      location.replace('/wallboard');
    } catch (err) {
      $('login-error').textContent = err.message;
    } finally {
      $('login-submit').disabled = false;
    }
  });
})();
