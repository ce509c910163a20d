/* global document */
import { cartStore } from './cart.js';
import { h, replace } from './dom.js';
import { field, formAlert, formValues } from './forms.js';
import { navigate } from './router.js';
import { session } from './session.js';
import { sessionErrorMessage, validateCredentials } from './session-model.js';

/** Where to go after signing in: a `next` route of our own (`#/…`), else home. */
function nextOf(params) {
  const next = params.get('next') ?? '';
  return next.startsWith('/') && !next.startsWith('//') ? `#${next}` : '#/';
}

/** `#/signin` and `#/signup`: one form each; the anonymous cart merges into the customer's. */
export function renderAccountForm(ctx, { signUp }) {
  const heading = signUp ? 'Create your account' : 'Sign in';
  ctx.setTitle(heading);
  const next = nextOf(ctx.params);
  const state = {
    values: { email: '', password: '', name: '' },
    errors: {},
    alert: '',
    busy: false,
  };
  const title = h('h1', { class: 'page-title', tabindex: '-1' }, heading);
  const container = h('div', { class: 'account-form-wrap' });
  replace(ctx.main, h('div', { class: 'page-narrow page-account' }, title, container));
  ctx.focusHeading(title);

  const render = () => {
    const submit = h(
      'button',
      {
        type: 'submit',
        class: state.busy ? 'button button-large is-loading' : 'button button-large',
        disabled: state.busy,
      },
      signUp ? 'Create account' : 'Sign in',
    );
    const otherHref = `${signUp ? '#/signin' : '#/signup'}${next !== '#/' ? `?next=${encodeURIComponent(next.slice(1))}` : ''}`;
    const form = h(
      'form',
      {
        class: 'account-form',
        novalidate: true,
        'aria-labelledby': 'account-heading',
        onsubmit: (event) => void submitForm(event),
      },
      h('h2', { id: 'account-heading', class: 'visually-hidden' }, heading),
      formAlert(state.alert),
      signUp
        ? field({
            id: 'name',
            label: 'Name',
            value: state.values.name,
            error: state.errors.name,
            required: true,
            autocomplete: 'name',
            maxlength: 100,
          })
        : null,
      field({
        id: 'email',
        label: 'Email',
        type: 'email',
        value: state.values.email,
        error: state.errors.email,
        required: true,
        autocomplete: 'email',
        maxlength: 254,
      }),
      field({
        id: 'password',
        label: 'Password',
        type: 'password',
        value: state.values.password,
        error: state.errors.password,
        required: true,
        autocomplete: signUp ? 'new-password' : 'current-password',
        hint: signUp ? 'At least 10 characters, not a common password.' : undefined,
      }),
      submit,
      h(
        'p',
        { class: 'account-switch' },
        signUp ? 'Already have an account? ' : 'New to Emporium? ',
        h('a', { href: otherHref }, signUp ? 'Sign in' : 'Create an account'),
      ),
    );
    replace(container, form);
    return form;
  };

  async function submitForm(event) {
    event.preventDefault();
    state.values = { ...state.values, ...formValues(event.currentTarget) };
    state.errors = validateCredentials(state.values, { signUp });
    state.alert = '';
    if (Object.keys(state.errors).length > 0) {
      const form = render();
      form.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    state.busy = true;
    render();
    try {
      const email = state.values.email.trim();
      if (signUp) await session.signUp(email, state.values.password, state.values.name.trim());
      else await session.signIn(email, state.values.password);
      // The header's listener (app.js) moves the page to the customer's cart and merges.
      await cartStore.settled();
      if (ctx.signal.aborted) return;
      ctx.announce(signUp ? 'Your account is ready. You are signed in.' : 'You are signed in.');
      navigate(next);
    } catch (error) {
      if (ctx.signal.aborted) return;
      state.busy = false;
      state.values.password = '';
      state.alert = sessionErrorMessage(error, { signUp });
      render();
      document.getElementById('password')?.focus();
    }
  }

  render();
}
