export { createWallService, type WallService, WALL_REFRESH_SECONDS } from './wall.service';
export { wallRoutes } from './wall.routes';
