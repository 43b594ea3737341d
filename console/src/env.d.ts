// Stylesheets are imported for their side effect; the bundler emits them as CSS.
declare module '*.css';
