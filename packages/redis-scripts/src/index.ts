export { defineScripts, loadScript, type LuaScript, type ScriptCaller } from './scripts';
