import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNextPath } from '@lifeboat/shared/navigation';
import { useSession } from '../../features/auth/api/get-session.ts';
import { useSignInOptions } from '../../features/auth/api/get-sign-in-options.ts';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { SsoFailure, SsoSignIn } from '../../features/auth/components/single-sign-on.tsx';

export function SignInRoute() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const session = useSession();
  const options = useSignInOptions().data;
  const navigate = useNavigate();
  // Until the options are known (or if they cannot be read), the password form is offered.
  const passwords = options?.passwords !== false;

  if (session.data) return <Navigate to={next} replace />;

  return (
    <main id="main" className="flex min-h-screen items-start justify-center bg-slate-100 px-4 py-16">
      <title>Sign in · Lifeboat</title>
      <div className="w-full max-w-sm rounded-lg border border-slate-300 bg-white p-6 shadow-sm">
        <h1 className="text-2xl font-bold">Sign in to Lifeboat</h1>
        <p className="mt-1 mb-4 text-sm text-slate-700">Disaster-recovery dashboard</p>
        <SsoFailure code={params.get('sso_error')} />
        {options?.sso ? <SsoSignIn name={options.sso.name} next={next} /> : null}
        {options?.sso && passwords ? (
          <p className="my-4 text-center text-sm text-slate-700">or with a Lifeboat password</p>
        ) : null}
        {passwords ? <SignInForm onSignedIn={() => void navigate(next, { replace: true })} /> : null}
      </div>
    </main>
  );
}
