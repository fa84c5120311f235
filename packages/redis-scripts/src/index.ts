export { defineScripts, loadScript, type LuaScript, type ScriptCaller } from './scripts';
export {
  createRedisConnector,
  parseNodes,
  persistenceProblem,
  type RedisClient,
  type RedisConnector,
  type RedisTopology,
} from './connection';
