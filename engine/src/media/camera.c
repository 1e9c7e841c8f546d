/* Camera poses: "cover" fit times a zoom factor, and an offset that pans across the
 * margin the zoom creates. Everything is continuous in p so consecutive frames move by
 * sub-pixel amounts (the frame drawer samples with a bilinear filter). */
#include "media/camera.h"

#include <math.h>

#define ZOOM_MAX 1.12   /* zoom_in/zoom_out range, relative to cover */
#define PAN_ZOOM 1.10   /* zoom that gives pans a margin to travel across */
#define STATIC_ZOOM 1.03

double sc_cam_ease(double p)
{
    if (p < 0)
        p = 0;
    if (p > 1)
        p = 1;
    double smooth = 0.5 - 0.5 * cos(M_PI * p);
    return 0.7 * smooth + 0.3 * p;
}

sc_cam_pose sc_cam_pose_at(sc_camera cam, double p, int src_w, int src_h, int out_w, int out_h)
{
    double e = sc_cam_ease(p);
    double cover = fmax((double)out_w / src_w, (double)out_h / src_h);
    double z;
    switch (cam) {
    case SC_CAM_ZOOM_IN: z = 1.0 + (ZOOM_MAX - 1.0) * e; break;
    case SC_CAM_ZOOM_OUT: z = ZOOM_MAX - (ZOOM_MAX - 1.0) * e; break;
    case SC_CAM_PAN_LEFT: case SC_CAM_PAN_RIGHT: case SC_CAM_PAN_UP: case SC_CAM_PAN_DOWN: z = PAN_ZOOM; break;
    default: z = 1.0 + (STATIC_ZOOM - 1.0) * e; break;
    }
    sc_cam_pose pose;
    pose.scale = cover * z;
    double mx = src_w * pose.scale - out_w, my = src_h * pose.scale - out_h; /* margins, >= 0 */
    pose.tx = -mx / 2;
    pose.ty = -my / 2;
    /* A pan moves the view in its direction: the picture slides the other way. */
    switch (cam) {
    case SC_CAM_PAN_LEFT: pose.tx = -mx + mx * e; break;
    case SC_CAM_PAN_RIGHT: pose.tx = -mx * e; break;
    case SC_CAM_PAN_UP: pose.ty = -my + my * e; break;
    case SC_CAM_PAN_DOWN: pose.ty = -my * e; break;
    default: break;
    }
    return pose;
}
