import { render } from "preact";
import { App } from "./App";
import { signIn } from "./auth";
import "./styles.css";

// In Azure the person signs in first (auth.ts); locally this resolves at once.
signIn().then(
  () => render(<App />, document.getElementById("app")!),
  (error: Error) => { document.getElementById("app")!.textContent = `Sign-in failed: ${error.message}`; },
);
